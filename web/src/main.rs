//! Entry point of the wasm binary that trunk builds: mounts the playground.

fn main() {
    gobalance_web::start();
}
