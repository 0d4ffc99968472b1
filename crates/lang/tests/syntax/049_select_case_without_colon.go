// A select case lacks its colon.
package main

func main() {
	ch := make(chan int)
	select {
	case <-ch
	}
}
