//! Exercises: the preset must not already meet a goal, and the solution offered as a hint must.

use crate::support::{run, run_program};
use gobalance_lessons::{all, Goal};

fn messages(goal: &Goal, ran: &crate::support::Ran) -> String {
    goal.check(&ran.scenario, &ran.run.metrics)
        .iter()
        .map(|c| format!("{} {}", if c.met { "met:" } else { "MISSED:" }, c.message))
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn every_lesson_has_one_or_two_exercises_with_bounds() {
    for lesson in all() {
        let on_scenario = lesson
            .exercises
            .iter()
            .filter(|e| e.program.is_none())
            .count();
        assert!(
            (1..=2).contains(&on_scenario),
            "lesson `{}`: {on_scenario} exercises on the scenario",
            lesson.slug,
        );
        let on_program = lesson.exercises.len() - on_scenario;
        assert!(
            on_program <= 1,
            "lesson `{}`: {on_program} programs to fix",
            lesson.slug
        );
        for exercise in lesson.exercises {
            assert!(
                exercise.goal.bounds() > 0,
                "lesson `{}`: a goal with no bounds: {}",
                lesson.slug,
                exercise.goal_text
            );
        }
    }
}

#[test]
fn presets_miss_every_goal_and_solutions_meet_them() {
    for lesson in all() {
        let slug = lesson.slug;
        for (i, exercise) in lesson.exercises.iter().enumerate() {
            let goal = &exercise.goal;
            // A program to fix: the broken one on the preset, its fix on the solution's scenario.
            let (preset, solved) = match &exercise.program {
                Some(fix) => (
                    run_program(slug, lesson.preset, fix.broken),
                    run_program(slug, exercise.solution, fix.fixed),
                ),
                None => (run(slug, lesson.preset), run(slug, exercise.solution)),
            };
            assert!(
                !goal.is_met(&preset.scenario, &preset.run.metrics),
                "lesson `{slug}` exercise {}: the preset already meets \"{}\": {}\n  {}",
                i + 1,
                exercise.goal_text,
                lesson.preset,
                messages(goal, &preset)
            );
            assert!(
                goal.is_met(&solved.scenario, &solved.run.metrics),
                "lesson `{slug}` exercise {}: the solution misses \"{}\": {}\n  {}",
                i + 1,
                exercise.goal_text,
                exercise.solution,
                messages(goal, &solved)
            );
            println!("{slug} {}: preset {}", i + 1, messages(goal, &preset));
            println!("{slug} {}: solution {}", i + 1, messages(goal, &solved));
        }
    }
}

#[test]
fn a_check_names_what_was_measured_and_what_was_asked() {
    let lesson = gobalance_lessons::by_slug("real-world-dataset").expect("lesson");
    let ran = run(lesson.slug, lesson.preset);
    let checks = lesson.exercises[0]
        .goal
        .check(&ran.scenario, &ran.run.metrics);
    let texts: Vec<&str> = checks.iter().map(|c| c.message.as_str()).collect();
    assert_eq!(
        texts,
        [
            "makespan 12.5 s, goal under 2 s",
            "peak goroutines 10, goal at most 64",
            "tasks done 1,000, goal at least 1,000",
        ]
    );
    let met: Vec<bool> = checks.iter().map(|c| c.met).collect();
    assert_eq!(met, [false, true, true]);
}
