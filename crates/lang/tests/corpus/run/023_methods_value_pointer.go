// A value-receiver method works on a copy while a pointer-receiver method changes the caller's struct.
package main

import "fmt"

type Tally struct {
	name  string
	count int
}

func (t Tally) AddCopy(n int) int {
	t.count += n
	return t.count
}

func (t *Tally) Add(n int) {
	t.count += n
}

func (t Tally) Describe() string {
	return fmt.Sprintf("%s=%d", t.name, t.count)
}

func main() {
	t := Tally{name: "apples"}
	fmt.Println("copy says", t.AddCopy(5))
	fmt.Println("after value method:", t.Describe())
	t.Add(3)
	fmt.Println("after pointer method:", t.Describe())

	p := &Tally{name: "pears", count: 1}
	p.Add(4)
	fmt.Println("copy via pointer says", p.AddCopy(100))
	fmt.Println(p.Describe())
}
