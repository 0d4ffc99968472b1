// Several errors in one function: Go reports one per line, sorted.
package main

func main() {
	x := [3]int{1, 2 3}
	if x[0] == 1 {
		fmt.Println("one"
	}
	for i := 0; i < 3; i++ {
		y := i +
	}
}
