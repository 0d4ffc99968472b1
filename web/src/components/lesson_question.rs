//! The question asked before the first run: one choice from radio buttons, checked at once, with the explanation either way.

use yew::prelude::*;

use crate::lessons::LessonRef;

#[derive(Properties, PartialEq)]
pub struct LessonQuestionProps {
    pub lesson: LessonRef,
    /// The saved answer, if the learner has given one.
    pub answered: Option<usize>,
    pub on_answer: Callback<usize>,
}

#[function_component(LessonQuestion)]
pub fn lesson_question(props: &LessonQuestionProps) -> Html {
    let question = &props.lesson.question;
    let slug = props.lesson.slug;
    let selected = use_state_eq(|| props.answered);
    // Answering again reopens the choices; the saved answer stays until a new one is checked.
    let retrying = use_state_eq(|| false);
    let shown = props.answered.filter(|_| !*retrying);

    let onsubmit = {
        let (selected, retrying, on_answer) =
            (selected.clone(), retrying.clone(), props.on_answer.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if let Some(choice) = *selected {
                retrying.set(false);
                on_answer.emit(choice);
            }
        })
    };
    let again = {
        let (selected, retrying) = (selected.clone(), retrying.clone());
        Callback::from(move |_: MouseEvent| {
            selected.set(None);
            retrying.set(true);
        })
    };
    let state = match shown {
        None => "unanswered",
        Some(choice) if question.is_right(choice) => "right",
        Some(_) => "wrong",
    };
    let title_id = format!("question-{slug}");
    html! {
        <section class="lesson-card question" data-testid="question" data-state={state} aria-labelledby={title_id.clone()}>
            <h3 id={title_id}>{ "Before you run it" }</h3>
            <form {onsubmit}>
                <fieldset disabled={shown.is_some()}>
                    <legend>{ question.prompt }</legend>
                    { for question.choices.iter().enumerate().map(|(i, choice)| {
                        let onchange = {
                            let selected = selected.clone();
                            Callback::from(move |_: Event| selected.set(Some(i)))
                        };
                        let verdict = match shown {
                            Some(_) if question.is_right(i) => Some(("right", "the answer")),
                            Some(given) if given == i => Some(("wrong", "your answer")),
                            _ => None,
                        };
                        html! {
                            <label class={classes!("choice", verdict.map(|(class, _)| class))}>
                                <input type="radio" name={format!("answer-{slug}")} value={i.to_string()}
                                    data-testid="question-choice" checked={*selected == Some(i)} {onchange} />
                                <span>
                                    { *choice }
                                    if let Some((_, label)) = verdict {
                                        <span class="choice-verdict">{ format!(" ({label})") }</span>
                                    }
                                </span>
                            </label>
                        }
                    }) }
                </fieldset>
                if shown.is_none() {
                    <button type="submit" class="primary" data-testid="question-answer" disabled={selected.is_none()}>
                        { "Check my answer" }
                    </button>
                }
            </form>
            <div class="question-result" role="status" aria-live="polite">
                if let Some(choice) = shown {
                    <div data-testid="question-result" data-right={question.is_right(choice).to_string()}>
                        <p>
                            <strong class={if question.is_right(choice) { "good" } else { "bad" }}>
                                { if question.is_right(choice) { "Right." } else { "Not quite." } }
                            </strong>
                            { " " }{ question.explanation }
                        </p>
                        <p class="question-next muted">{ "Now run the playground below and see it happen." }</p>
                        <button type="button" data-testid="question-again" onclick={again}>{ "Answer again" }</button>
                    </div>
                }
            </div>
        </section>
    }
}
