#include "core/insights/stats.h"

#include <algorithm>
#include <cmath>

namespace hearth::insights {

double mean(const std::vector<double>& v) {
  if (v.empty()) return 0;
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

std::optional<Correlation> pearson(const std::vector<double>& x, const std::vector<double>& y) {
  std::size_t n = std::min(x.size(), y.size());
  if (n < 4) return std::nullopt;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx <= 0 || syy <= 0) return std::nullopt;
  Correlation c;
  c.n = static_cast<int>(n);
  c.r = std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
  double z = std::atanh(std::clamp(c.r, -0.999999, 0.999999));
  double half = 1.959964 / std::sqrt(static_cast<double>(n) - 3);
  c.ci95 = {std::tanh(z - half), std::tanh(z + half)};
  return c;
}

double t_quantile_975(int df) {
  static const double kTable[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                                  2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                                  2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
                                  2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return INFINITY;
  if (df <= 30) return kTable[df];
  // Beyond 30 the quantile approaches 1.96; this expansion is within 0.001 of the exact value.
  double d = static_cast<double>(df);
  return 1.959964 + 2.37227 / d + 2.82295 / (d * d);
}

std::optional<Regression> ols(const std::vector<double>& y,
                              const std::vector<std::vector<double>>& x) {
  std::size_t n = y.size();
  if (n == 0 || x.size() != n) return std::nullopt;
  std::size_t k = x[0].size() + 1;  // with the intercept
  if (n <= k + 1) return std::nullopt;
  // Normal equations: (XᵀX) b = Xᵀy, solved by Gauss–Jordan elimination with partial pivoting,
  // carrying the identity along to get (XᵀX)⁻¹ for the standard errors.
  std::vector<std::vector<double>> a(k, std::vector<double>(2 * k + 1, 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    auto row = [&](std::size_t j) { return j == 0 ? 1.0 : x[i][j - 1]; };
    for (std::size_t r = 0; r < k; ++r) {
      for (std::size_t c = 0; c < k; ++c) a[r][c] += row(r) * row(c);
      a[r][2 * k] += row(r) * y[i];
    }
  }
  for (std::size_t r = 0; r < k; ++r) a[r][k + r] = 1.0;
  for (std::size_t col = 0; col < k; ++col) {
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < k; ++r) {
      if (std::abs(a[r][col]) > std::abs(a[pivot][col])) pivot = r;
    }
    if (std::abs(a[pivot][col]) < 1e-10 * (1.0 + std::abs(a[col][col]))) return std::nullopt;
    std::swap(a[col], a[pivot]);
    double p = a[col][col];
    for (double& v : a[col]) v /= p;
    for (std::size_t r = 0; r < k; ++r) {
      if (r == col || a[r][col] == 0) continue;
      double f = a[r][col];
      for (std::size_t c = 0; c < 2 * k + 1; ++c) a[r][c] -= f * a[col][c];
    }
  }
  Regression out;
  out.n = static_cast<int>(n);
  for (std::size_t r = 0; r < k; ++r) out.coef.push_back(a[r][2 * k]);
  double rss = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double fit = out.coef[0];
    for (std::size_t j = 1; j < k; ++j) fit += out.coef[j] * x[i][j - 1];
    rss += (y[i] - fit) * (y[i] - fit);
  }
  int df = static_cast<int>(n - k);
  double sigma2 = rss / df;
  double t = t_quantile_975(df);
  for (std::size_t r = 0; r < k; ++r) {
    double se = std::sqrt(std::max(0.0, sigma2 * a[r][k + r]));
    out.se.push_back(se);
    out.ci95.push_back({out.coef[r] - t * se, out.coef[r] + t * se});
  }
  return out;
}

}  // namespace hearth::insights
