// A name starts with a non-ASCII digit; the rest is fine.
package main

func main() {
	٣ := 1
	_ = ٣
}
