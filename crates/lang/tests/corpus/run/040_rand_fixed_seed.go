// A math/rand generator built from a fixed seed produces the same sequence on every run.
package main

import (
	"fmt"
	"math/rand"
)

func main() {
	r := rand.New(rand.NewSource(42))
	var rolls []int
	for i := 0; i < 8; i++ {
		rolls = append(rolls, r.Intn(6)+1)
	}
	fmt.Println("dice:", rolls)

	r2 := rand.New(rand.NewSource(42))
	same := true
	for i := 0; i < 8; i++ {
		if r2.Intn(6)+1 != rolls[i] {
			same = false
		}
	}
	fmt.Println("same seed, same rolls:", same)

	r3 := rand.New(rand.NewSource(7))
	fmt.Println(r3.Intn(1000), r3.Intn(1000), r3.Intn(1000))
}
