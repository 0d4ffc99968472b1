// Assigning a struct copies it, while pointers and slice indexing reach the original.
package main

import "fmt"

type Point struct {
	X, Y int
}

func moveCopy(p Point) { p.X += 100 }

func movePtr(p *Point) { p.X += 100 }

func main() {
	a := Point{1, 2}
	b := a
	b.X = 9
	fmt.Println("a:", a, "b:", b)

	c := &a
	c.Y = 7
	fmt.Println("a after pointer write:", a)

	moveCopy(a)
	fmt.Println("after moveCopy:", a)
	movePtr(&a)
	fmt.Println("after movePtr:", a)

	pts := []Point{{1, 1}, {2, 2}}
	for _, p := range pts {
		p.X = 0
	}
	fmt.Println("range copy leaves slice:", pts)
	for i := range pts {
		pts[i].X = 0
	}
	fmt.Println("index write changes slice:", pts)
	fmt.Println("equal structs:", Point{3, 4} == Point{3, 4})
}
