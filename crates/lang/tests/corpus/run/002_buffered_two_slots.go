// A buffered channel of 2 accepts two sends before a receiver is needed.
package main

import "fmt"

func main() {
	ch := make(chan string, 2)
	fmt.Println("len", len(ch), "cap", cap(ch))
	ch <- "first"
	fmt.Println("len", len(ch), "cap", cap(ch))
	ch <- "second"
	fmt.Println("len", len(ch), "cap", cap(ch))
	fmt.Println(<-ch)
	fmt.Println("len", len(ch))
	ch <- "third"
	fmt.Println(<-ch)
	fmt.Println(<-ch)
	fmt.Println("len", len(ch), "cap", cap(ch))
}
