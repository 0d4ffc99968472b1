// Integer division truncates, float64 arithmetic rounds in binary, and fmt prints both in Go's forms.
package main

import "fmt"

func main() {
	fmt.Println(7/2, -7/2, 7%3, -7%3)
	fmt.Println(float64(7)/2, float64(1)/3)
	fmt.Println(0.1+0.2, 0.5+0.25)
	fmt.Printf("%.2f %.2f %.0f\n", 2.0/3.0, 1.005, 2.5)
	fmt.Println(1e21, 1e20, 123456789.0)
	fmt.Println(float64(10), 3.0, -0.5)

	var big int64 = 1024 * 1024 * 1024 * 1024
	fmt.Println(big, big*4)
	var n int = 255
	fmt.Printf("%d %x %5d|\n", n, n, n)

	scores := []float64{9.5, 7.25, 8}
	sum := 0.0
	for _, s := range scores {
		sum += s
	}
	avg := sum / float64(len(scores))
	fmt.Printf("sum %v avg %.2f\n", sum, avg)
	fmt.Printf("%T %T %T %T\n", n, big, avg, "s")
}
