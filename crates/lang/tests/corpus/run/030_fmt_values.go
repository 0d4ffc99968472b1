// fmt prints structs, pointers to structs, slices, maps and nil values in Go's standard forms.
package main

import "fmt"

type Item struct {
	Name  string
	Qty   int
	Price float64
	Ok    bool
}

func main() {
	it := Item{Name: "pen", Qty: 3, Price: 1.5, Ok: true}
	fmt.Println(it)
	fmt.Printf("%v\n", &it)
	fmt.Printf("%+v\n", it)
	fmt.Println([]int{1, 2, 3}, []string{"a", "b"})
	fmt.Println([][]int{{1, 2}, {3}, {}})
	fmt.Println(map[string]int{"z": 26, "a": 1, "m": 13})

	var nilSlice []int
	var nilMap map[string]int
	var nilPtr *Item
	var nilErr error
	fmt.Println(nilSlice, nilMap, nilPtr, nilErr)
	fmt.Println(struct{}{}, []Item{{Name: "cup", Qty: 1}})

	fmt.Printf("%d|%3d|%-3d|%x|%q|%t|%.2f\n", 42, 7, 7, 255, "hi", false, 3.14159)
	fmt.Printf("%s and %v\n", "text", 2.5)
	fmt.Printf("%x %q\n", "go", []string{"a b", "c"})
	s := fmt.Sprintf("%d-%s", 5, "five")
	fmt.Println(s, len(s))
}
