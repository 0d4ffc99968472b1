// `else` starts a new line after the closing brace of `if`.
package main

func main() {
	if true {
	}
	else {
	}
}
