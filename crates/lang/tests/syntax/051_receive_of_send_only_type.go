// `<-` is put before `chan<- int`, a send-only channel type.
package main

func main() {
	var c <-chan<- int
	_ = c
}
