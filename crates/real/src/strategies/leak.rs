//! Goroutine leak: a handler starts one goroutine per task but takes only the first results; without a context the rest block forever on their send.

use crate::chan::{Chan, Select};
use crate::executor::go;
use crate::sync::Ctx;
use crate::time::sleep;
use crate::work::World;
use gobalance_core::strategies::LEAK_SERVE_AFTER;
use gobalance_core::Role;
use std::sync::Arc;

pub(crate) async fn main(world: Arc<World>) {
    first(&world).await;
    sleep(LEAK_SERVE_AFTER).await;
}

async fn first(world: &Arc<World>) {
    let ctx = Ctx::with_cancel();
    let out = Chan::make(0);
    let with_context = world.scenario().params.with_context;
    for t in 0..world.tasks() {
        world.task_queued(t);
        let (world, ctx, out) = (world.clone(), ctx.clone(), out.clone());
        go(Role::Worker, t, async move {
            if !with_context {
                world.run_task(t, t).await;
                out.send(t).await;
            } else if world.run_task_ctx(t, t, &ctx).await {
                let mut select = Select::new();
                select.send(&out, t);
                select.recv(ctx.done());
                select.wait().await;
            }
        });
    }
    for _ in 0..world.scenario().params.cancel_after.min(world.tasks()) {
        out.recv().await;
    }
    ctx.cancel();
}
