// Reading a field through a nil struct pointer panics with a nil pointer dereference.
package main

import "fmt"

type Node struct {
	Val  int
	Next *Node
}

func main() {
	list := &Node{Val: 1, Next: &Node{Val: 2}}
	n := list
	for i := 0; i < 3; i++ {
		fmt.Println("visiting", n.Val)
		n = n.Next
	}
	fmt.Println("never printed")
}
