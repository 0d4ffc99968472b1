// `else` is followed by a statement instead of a block.
package main

func main() {
	if true {
	} else return
}
