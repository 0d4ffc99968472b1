// A multi-line composite literal lacks the comma after its last element.
package main

func main() {
	x := []int{
		1,
		2
	}
	_ = x
}
