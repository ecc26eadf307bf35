"""The guided set-up: choose a target role, rate the skills it needs, say how much time —
and it ends on the generated plan. Nothing is stored until Finish; Skip changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard

from planner.services import first_run_view, plans, profile, skills
from planner.ui.context import TOPICS, UiContext
from planner.ui.first_run.draft import Draft
from planner.ui.first_run.role_page import ChooseRolePage
from planner.ui.first_run.skills_page import RateSkillsPage
from planner.ui.first_run.time_page import TimePage

RATING_NOTE = "Guided set-up"


def _draft_from_profile(ctx: UiContext) -> Draft:
    ws = ctx.ws
    settings = profile.settings(ws)
    levels = {row.skill_id: row.level for row in skills.my_skills(ws)}
    years = first_run_view.current_years(ws)
    return Draft(
        role_id=settings.target_role_id if settings.target_role_id in ws.catalog.roles else None,
        levels=dict(levels),
        years=years,
        education=settings.education,
        hours=settings.hours_per_week,
        start=ws.today(),
        start_levels=levels,
        start_years=years,
        start_education=settings.education,
    )


class FirstRunWizard(QWizard):
    """Three pages; Finish writes the answers through the services and generates the plan.

    ``reached_plan`` is True once Finish has stored a plan, so the window can show it.
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reached_plan = False
        self.draft = _draft_from_profile(ctx)
        self.setWindowTitle("Guided set-up")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setTitleFormat(Qt.TextFormat.PlainText)
        self.setSubTitleFormat(Qt.TextFormat.PlainText)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.CancelButton, "Skip for now")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Make my plan")
        for button, name, tip in (
            (QWizard.WizardButton.NextButton, "Next", "Go to the next step"),
            (QWizard.WizardButton.BackButton, "Back", "Go back a step"),
            (QWizard.WizardButton.FinishButton, "Make my plan", "Save and make the plan"),
            (
                QWizard.WizardButton.CancelButton,
                "Skip for now",
                "Close without changing anything (File › Guided set-up… brings it back)",
            ),
        ):
            self.button(button).setAccessibleName(name)
            self.button(button).setToolTip(tip)

        self.role_page = ChooseRolePage(ctx, self.draft)
        self.skills_page = RateSkillsPage(ctx, self.draft)
        self.time_page = TimePage(ctx, self.draft)
        for page in (self.role_page, self.skills_page, self.time_page):
            self.addPage(page)

        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 140, metrics.lineSpacing() * 50
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(width, screen.width() * 9 // 10), min(height, screen.height() * 9 // 10))

    def accept(self) -> None:
        """Finish: store everything, then make the plan; on a failure stay open."""
        if self.ctx.run(self._store, TOPICS) is None:
            return
        self.reached_plan = True
        super().accept()

    def _store(self) -> plans.PlanView:
        ws = self.ctx.ws
        draft = self.draft
        assert draft.role_id is not None
        profile.update_settings(
            ws,
            years_experience=draft.years if draft.years != draft.start_years else None,
            education=draft.education if draft.education != draft.start_education else None,
            hours_per_week=draft.hours,
            start_date=draft.start,
        )
        profile.set_target(ws, role=draft.role_id)
        for skill_id, level in draft.changed_levels().items():
            skills.rate_skill(ws, skill=skill_id, level=level, note=RATING_NOTE)
        return plans.generate_plan(ws, hours_per_week=draft.hours, start=draft.start)
