// A function literal is given type parameters.
package main

func main() {
	f := func[T any]() {}
	_ = f
}
