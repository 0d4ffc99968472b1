//! Goroutine leak: a handler starts one goroutine per task but takes only the first results; without a context the rest block forever on their send.

use crate::chan::{Chan, Select};
use crate::executor::go;
use crate::sync::Ctx;
use crate::time::sleep;
use crate::work::World;
use gobalance_core::strategies::{go_source, LEAK_SERVE_AFTER};
use gobalance_core::{go_lines, Role, Strategy};
use std::sync::Arc;

go_lines!(Lines {
    serve,
    run,
    send_result,
    run_ctx,
    select_send,
    recv_result
});

pub(crate) async fn main(world: Arc<World>) {
    let l = Lines::resolve(go_source(Strategy::Leak));
    first(&world, l).await;
    sleep(LEAK_SERVE_AFTER, l.serve).await;
}

async fn first(world: &Arc<World>, l: Lines) {
    let ctx = Ctx::with_cancel();
    let out = Chan::make(0);
    let with_context = world.scenario().params.with_context;
    for t in 0..world.tasks() {
        world.task_queued(t);
        let (world, ctx, out) = (world.clone(), ctx.clone(), out.clone());
        go(Role::Worker, t, async move {
            if !with_context {
                world.run_task(t, t, l.run).await;
                out.send(t, l.send_result).await;
            } else if world.run_task_ctx(t, t, &ctx, l.run_ctx).await {
                let mut select = Select::new();
                select.send(&out, t);
                select.recv(ctx.done());
                select.wait(l.select_send).await;
            }
        });
    }
    // Past the number of tasks this waits forever, as Go's does (Go then
    // stops the program; here the run's deadline does).
    for _ in 0..world.scenario().params.cancel_after {
        out.recv(l.recv_result).await;
    }
    ctx.cancel();
}
