// Results received before a worker panics are printed; the panic then ends the program.
package main

import "fmt"

func worker(jobs <-chan int, results chan<- int) {
	for j := range jobs {
		if j == 4 {
			panic(fmt.Sprintf("job %d is invalid", j))
		}
		results <- j * 3
	}
}

func main() {
	jobs := make(chan int)
	results := make(chan int)
	go worker(jobs, results)
	for j := 1; j <= 5; j++ {
		jobs <- j
		fmt.Println("job", j, "->", <-results)
	}
	fmt.Println("never printed")
}
