// sort.Ints, sort.Strings and sort.Slice order slices in place.
package main

import (
	"fmt"
	"sort"
)

type Runner struct {
	Name string
	Time int
}

func main() {
	nums := []int{42, -1, 7, 0, 19, 7}
	sort.Ints(nums)
	fmt.Println(nums)

	names := []string{"mallory", "alice", "Bob", "carol"}
	sort.Strings(names)
	fmt.Println(names)

	runners := []Runner{
		{"dee", 310}, {"abe", 295}, {"cat", 402}, {"ben", 295},
	}
	sort.Slice(runners, func(i, j int) bool {
		if runners[i].Time != runners[j].Time {
			return runners[i].Time < runners[j].Time
		}
		return runners[i].Name < runners[j].Name
	})
	for place, r := range runners {
		fmt.Printf("%d. %s %ds\n", place+1, r.Name, r.Time)
	}

	desc := []int{3, 9, 1}
	sort.Slice(desc, func(i, j int) bool { return desc[i] > desc[j] })
	fmt.Println(desc)
}
