// A string holds the unknown escape `\q`; the rest is fine.
package main

func main() {
	s := "a\qb"
	_ = s
}
