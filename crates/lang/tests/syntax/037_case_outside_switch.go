// A `case` clause stands in a function body.
package main

func main() {
	case 1:
}
