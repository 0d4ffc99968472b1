// Slices of one array share storage: writes through one are visible in the other until append reallocates.
package main

import "fmt"

func main() {
	base := []int{0, 1, 2, 3, 4, 5}
	mid := base[2:4]
	fmt.Println("mid:", mid, "len", len(mid), "cap", cap(mid))
	mid[0] = 20
	fmt.Println("base after mid write:", base)

	mid = append(mid, 40)
	fmt.Println("append within capacity overwrites base:", base)

	buf := make([]int, 3, 10)
	x := append(buf, 1)
	y := append(buf, 2)
	fmt.Println("x[3] =", x[3], "y[3] =", y[3])

	small := []int{1, 2}
	grown := append(small, 3, 4, 5)
	grown[0] = 99
	fmt.Println("after reallocation:", small, grown)

	dst := make([]int, 2)
	n := copy(dst, base)
	fmt.Println("copied", n, "->", dst)
	tail := []int{7, 8}
	joined := append(dst, tail...)
	fmt.Println("joined:", joined, len(joined))
}
