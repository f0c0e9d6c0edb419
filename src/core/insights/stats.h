// Small, honest statistics for a couple's own data: means, Pearson correlation with a Fisher-z
// confidence interval, and ordinary least squares with standard errors. Pure and deterministic.
#pragma once

#include <optional>
#include <vector>

namespace hearth::insights {

double mean(const std::vector<double>& v);

struct Interval {
  double low = 0;
  double high = 0;
  bool excludes_zero() const { return low > 0 || high < 0; }
};

struct Correlation {
  double r = 0;
  int n = 0;
  Interval ci95;  // Fisher z; needs n ≥ 4
};
// None with fewer than 4 pairs or when either side does not vary.
std::optional<Correlation> pearson(const std::vector<double>& x, const std::vector<double>& y);

// The two-sided 97.5% quantile of Student's t with `df` degrees of freedom.
double t_quantile_975(int df);

struct Regression {
  std::vector<double> coef;  // intercept first, then one per predictor
  std::vector<double> se;
  std::vector<Interval> ci95;
  int n = 0;
};
// y = b0 + b1·x1 + … by least squares. `x` holds one row of predictors per observation. None
// when there are too few observations (n ≤ predictors + 2) or the predictors are collinear.
std::optional<Regression> ols(const std::vector<double>& y,
                              const std::vector<std::vector<double>>& x);

}  // namespace hearth::insights
