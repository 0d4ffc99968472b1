//! Work stealing: per-worker deques; the owner takes from the front, an idle worker steals one or half from the back of another's.

use super::deal_round_robin;
use crate::go::{Deque, Go, WaitGroup};
use crate::program::go_lines;
use crate::scenario::Scenario;
use crate::vocabulary::Role;
use std::rc::Rc;

pub(crate) const SOURCE: &str = include_str!("../../go/steal/main.go");

go_lines!(Lines {
    make_deque,
    deal,
    make_wg,
    add,
    spawn_worker,
    done,
    pop,
    run,
    steal,
    wait
});

pub(crate) async fn main(go: Go, s: Rc<Scenario>) {
    let l = Lines::resolve(SOURCE);
    let workers = s.params.workers;
    let deques: Rc<[Deque]> = deal_round_robin(&go, workers, true, l.make_deque, l.deal)
        .await
        .into();
    let wg = go.wait_group(l.make_wg).await;
    for w in 0..workers {
        go.add(wg, 1, l.add).await;
        go.spawn(
            Role::Worker,
            w,
            worker(go.clone(), l, w, deques.clone(), s.clone(), wg),
            l.spawn_worker,
        )
        .await;
    }
    go.wait(wg, l.wait).await;
}

async fn worker(go: Go, l: Lines, id: u32, deques: Rc<[Deque]>, s: Rc<Scenario>, wg: WaitGroup) {
    let workers = deques.len() as u32;
    let own = deques[id as usize];
    loop {
        if let Some(t) = go.pop(own, l.pop).await {
            go.run_task(t, id, l.run).await;
            continue;
        }
        let mut stole = 0;
        let mut i = 1;
        while i < workers && stole == 0 {
            let victim = deques[((id + i) % workers) as usize];
            stole = go.steal(victim, own, s.params.steal, l.steal).await;
            i += 1;
        }
        if stole == 0 {
            break;
        }
    }
    go.done(wg, l.done).await;
}
