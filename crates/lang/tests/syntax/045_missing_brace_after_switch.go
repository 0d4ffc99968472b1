// A switch header ends with a `)` where `{` should be.
package main

func main() {
	x := 1
	switch x)
	}
}
