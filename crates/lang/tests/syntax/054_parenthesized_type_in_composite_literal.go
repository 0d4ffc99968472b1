// A composite literal's type is in parentheses.
package main

type T struct{}

func main() {
	_ = (T){}
}
