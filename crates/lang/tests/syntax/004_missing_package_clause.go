// The file has no package clause.
import "fmt"

func main() { fmt.Println() }
