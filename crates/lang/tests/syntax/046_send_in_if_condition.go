// A send statement is used as an `if` condition.
package main

func main() {
	ch := make(chan int)
	if ch <- 1 {
	}
}
