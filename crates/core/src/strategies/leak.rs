//! Leak and cancellation: the consumer keeps the first results and returns; without a context the other producers block forever.

use crate::go::{Go, Select};
use crate::program::go_lines;
use crate::scenario::Scenario;
use crate::time::Nanos;
use crate::vocabulary::{ChanRole, Role};
use std::rc::Rc;

pub(crate) const SOURCE: &str = include_str!("../../go/leak/main.go");

go_lines!(Lines {
    serve,
    make_ctx,
    cancel,
    make_out,
    spawn_worker,
    run,
    send_result,
    run_ctx,
    select_send,
    recv_result
});

/// How long `main` goes on after the consumer returns, before counting what is left.
pub const SERVE_AFTER: Nanos = Nanos::from_ms(10);

pub(crate) async fn main(go: Go, s: Rc<Scenario>) {
    let l = Lines::resolve(SOURCE);
    first(&go, l, &s).await;
    go.sleep(SERVE_AFTER, l.serve).await;
}

async fn first(go: &Go, l: Lines, s: &Scenario) {
    let ctx = go.with_cancel(l.make_ctx).await;
    let out = go.make_chan(0, ChanRole::Results, l.make_out).await;
    let with_context = s.params.with_context;
    for t in 0..go.tasks() {
        go.task_queued(t, l.spawn_worker);
        let g = go.clone();
        let worker = async move {
            if !with_context {
                g.run_task(t, t, l.run).await;
                g.send(out, t, l.send_result).await;
            } else if g.run_task_ctx(t, t, ctx, l.run_ctx).await {
                let mut select = Select::new();
                select.send(out, t);
                select.recv(ctx.done());
                g.select(select, l.select_send).await;
            }
        };
        go.spawn(Role::Worker, t, worker, l.spawn_worker).await;
    }
    // Past the number of tasks, main waits for an answer nobody sends:
    // Go stops the program ("all goroutines are asleep"), and so does the engine.
    for _ in 0..s.params.cancel_after {
        go.recv(out, l.recv_result).await;
    }
    go.cancel(ctx, l.cancel).await;
}
