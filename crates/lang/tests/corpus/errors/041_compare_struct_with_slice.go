// Structs holding a slice field cannot be compared with ==.
package main

import "fmt"

type Batch struct {
	Name  string
	Items []int
}

func main() {
	a := Batch{Name: "a", Items: []int{1}}
	b := Batch{Name: "a", Items: []int{1}}
	fmt.Println(a == b)
}
