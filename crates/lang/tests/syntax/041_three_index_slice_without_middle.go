// A 3-index slice leaves out its middle index.
package main

func main() {
	s := []int{1, 2, 3}
	_ = s[1::3]
}
