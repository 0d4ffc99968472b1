// Appending one element at a time grows a slice's capacity in the steps Go 1.19 uses.
package main

import "fmt"

func main() {
	var s []int
	fmt.Println("nil slice:", s == nil, len(s), cap(s))
	last := -1
	for i := 0; i < 40; i++ {
		s = append(s, i)
		if cap(s) != last {
			fmt.Printf("len %2d cap %2d\n", len(s), cap(s))
			last = cap(s)
		}
	}

	words := make([]string, 0, 2)
	words = append(words, "a", "b")
	fmt.Println(len(words), cap(words))
	words = append(words, "c")
	fmt.Println(len(words), cap(words))

	more := append([]int{1, 2, 3}, []int{4, 5, 6, 7, 8}...)
	fmt.Println(more, len(more), cap(more))
}
