"""Training to convergence: the run profiles and early stopping on the validation loss.

A phase runs until its validation loss has not improved for `patience` evaluation points (early stopping,
the best checkpoint is restored), or its step cap or wall-clock budget ends, whichever comes first. The
learning rate still follows train.py's Schedule (warmup, then a cosine over max(steps / cap, elapsed /
budget)), so a budget-limited run anneals fully before it stops.

Profiles (train.py --profile; explicit flags override a profile's values):
- quick: ≤ 15 minutes in all on this 2-core machine when it is otherwise idle; checks the pipeline end to
  end and gives a usable but not converged model.
- full:  ≤ 60 minutes; meant to stop on the validation loss before the budget.
"""

import copy

PROFILES = {
    "quick": {"ranker_steps": 3000, "ranker_budget_s": 540, "eval_every": 100, "patience": 3,
              "tt_steps": 600, "tt_budget_s": 150, "tt_eval_every": 100},
    "full": {"ranker_steps": 30000, "ranker_budget_s": 2700, "eval_every": 200, "patience": 5,
             "tt_steps": 4000, "tt_budget_s": 600, "tt_eval_every": 200},
}


def apply_profile(args, given):
    """Fills the profile's values into args for every option not given on the command line."""
    if args.profile is None:
        return
    for key, value in PROFILES[args.profile].items():
        if key not in given:
            setattr(args, key, value)


def given_options(argv):
    """Destinations of the options present in argv (`--ranker-steps 5` → ranker_steps)."""
    out = set()
    for a in argv:
        if a.startswith("--"):
            out.add(a[2:].split("=", 1)[0].replace("-", "_"))
    return out


class EarlyStopping:
    """Keeps the best validation loss and a copy of the weights that reached it."""

    def __init__(self, patience, min_delta=1e-4):
        self.patience, self.min_delta = patience, min_delta
        self.best, self.best_step, self.best_state = float("inf"), None, None
        self.bad = 0

    def update(self, model, step, loss):
        """Records one evaluation point; returns True when training should stop."""
        if loss < self.best - self.min_delta:
            self.best, self.best_step, self.bad = loss, step, 0
            self.best_state = copy.deepcopy(model.state_dict())
        else:
            self.bad += 1
        return self.patience > 0 and self.bad >= self.patience

    def restore(self, model):
        """Loads the best weights back (no-op before the first evaluation)."""
        if self.best_state is not None:
            model.load_state_dict(self.best_state)
