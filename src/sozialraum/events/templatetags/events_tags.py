from typing import Any

from django import template

register = template.Library()


@register.filter
def get_answer(answers: dict[str, str], question: Any) -> str:
    """A participant's answer to a question (answers are stored by question id)."""
    return answers.get(str(question.pk), "") if isinstance(answers, dict) else ""
