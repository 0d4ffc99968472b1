// The package clause has no name.
package

func main() {}
