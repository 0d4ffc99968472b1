//! Questions: answered before running, so they need real choices and an answer among them.

use gobalance_lessons::all;

#[test]
fn every_question_has_choices_and_an_answer_among_them() {
    for lesson in all() {
        let q = &lesson.question;
        let slug = lesson.slug;
        assert!(
            q.choices.len() >= 2,
            "lesson `{slug}`: fewer than 2 choices"
        );
        assert!(
            q.answer < q.choices.len(),
            "lesson `{slug}`: answer {} is not one of the {} choices",
            q.answer,
            q.choices.len()
        );
        assert!(q.is_right(q.answer), "lesson `{slug}`");
        assert!(!q.is_right(q.answer + 1), "lesson `{slug}`");
        for (i, choice) in q.choices.iter().enumerate() {
            assert!(!choice.is_empty(), "lesson `{slug}`: choice {i} is empty");
            assert!(
                q.choices[..i].iter().all(|c| c != choice),
                "lesson `{slug}`: choice {i} repeats an earlier one"
            );
        }
        assert!(
            !q.prompt.is_empty() && !q.explanation.is_empty(),
            "lesson `{slug}`"
        );
    }
}
