// Map lookups give the zero value for missing keys, comma-ok tells them apart, and fmt prints maps with sorted keys.
package main

import "fmt"

func main() {
	ages := map[string]int{"ann": 31, "bob": 0}
	v, ok := ages["bob"]
	fmt.Println("bob:", v, ok)
	v, ok = ages["cid"]
	fmt.Println("cid:", v, ok)
	fmt.Println("len:", len(ages))

	ages["cid"] = 40
	delete(ages, "ann")
	delete(ages, "nobody")
	fmt.Println(ages)

	groups := map[string][]int{}
	groups["even"] = append(groups["even"], 2)
	groups["odd"] = append(groups["odd"], 1)
	groups["even"] = append(groups["even"], 4, 6)
	fmt.Println(groups)
	fmt.Println("even count:", len(groups["even"]), "missing group:", groups["none"] == nil)

	var empty map[string]bool
	fmt.Println("nil map:", empty, len(empty), empty["x"])

	byID := map[int]string{3: "c", 1: "a", 2: "b"}
	fmt.Printf("%v\n", byID)
}
