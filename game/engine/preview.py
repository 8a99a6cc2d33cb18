"""What a member gets from a joint project if it completes under given rules, assuming
every member pays exactly its fair share: the figure shown on each joint-project card."""

from __future__ import annotations

from game.engine.types import JointProject, Province, Rules, fair_shares


def joint_preview(project: JointProject, rules: Rules, province: Province) -> dict[str, dict[str, float]]:
    fair = fair_shares(project, province)
    total = sum(fair.values()) or 1.0
    members = project.members

    def split(rule: str, amount: float, member: str) -> float:
        if rule == "host":
            return amount if member == project.host else 0.0
        if rule == "equal":
            return amount / len(members)
        return amount * fair[member] / total

    return {
        m: {
            "fair_share": round(fair[m], 2),
            "spillover": project.spillover,
            "output": round(split(rules.gdp_accounting, project.output, m), 2),
            "fiscal": round(split(rules.tax_sharing, project.fiscal_yield, m), 2),
            "points": round(project.points * fair[m] / total, 2),
            "gdp_if_completed": round(project.spillover + split(rules.gdp_accounting, project.output, m), 2),
        }
        for m in members
    }
