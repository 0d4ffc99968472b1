// A struct literal naming a field the struct does not have is refused.
package main

import "fmt"

type Task struct {
	ID   int
	Name string
}

func main() {
	t := Task{ID: 1, Title: "build"}
	fmt.Println(t)
}
