#include "period/astronomy.hpp"

#include <cmath>

namespace lexgit::period::astronomy {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kSynodicMonth = 29.530588861;
constexpr double kTropicalYear = 365.2422;
constexpr double kChinaOffsetDays = 8.0 / 24.0;

double sin_deg(double degrees) { return std::sin(degrees * kPi / 180.0); }

double normalized(double degrees) {
  double d = std::fmod(degrees, 360.0);
  return d < 0 ? d + 360.0 : d;
}

// TT − UT in seconds (Espenak and Meeus's polynomials): about a minute in this
// century, enough to move a new moon near midnight to the other day.
double delta_t_seconds(double year) {
  if (year >= 2005 && year < 2050) {
    double t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  if (year >= 1986 && year < 2005) {
    double t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t + 0.000651814 * t * t * t * t +
           0.00002373599 * t * t * t * t * t;
  }
  if (year >= 1961 && year < 1986) {
    double t = year - 1975;
    return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
  }
  double u = (year - 1820) / 100;
  if (year >= 2050 && year < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - year);
  return -20 + 32 * u * u;
}

// The civil day in China of a moment given as a Julian Ephemeris Day.
text::Date china_day(double jde) {
  double year = 2000 + (jde - 2451545.0) / kTropicalYear;
  return date_of_julian_day(jde - delta_t_seconds(year) / 86400.0 + kChinaOffsetDays);
}

}  // namespace

double julian_day(text::Date d) {
  int y = d.year, m = d.month;
  if (m <= 2) --y, m += 12;
  int a = y / 100;
  int b = 2 - a + a / 4;
  return std::floor(365.25 * (y + 4716)) + std::floor(30.6001 * (m + 1)) + d.day + b - 1524.5;
}

text::Date date_of_julian_day(double jd) {
  double z = std::floor(jd + 0.5);
  double alpha = std::floor((z - 1867216.25) / 36524.25);
  double a = z + 1 + alpha - std::floor(alpha / 4);
  double b = a + 1524;
  double c = std::floor((b - 122.1) / 365.25);
  double d = std::floor(365.25 * c);
  double e = std::floor((b - d) / 30.6001);
  int day = static_cast<int>(b - d - std::floor(30.6001 * e));
  int month = static_cast<int>(e < 14 ? e - 1 : e - 13);
  int year = static_cast<int>(month > 2 ? c - 4716 : c - 4715);
  return {year, month, day};
}

double apparent_solar_longitude(double jde) {
  double t = (jde - 2451545.0) / 36525;
  double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  double m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
  double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin_deg(m) + (0.019993 - 0.000101 * t) * sin_deg(2 * m) +
             0.000289 * sin_deg(3 * m);
  double omega = 125.04 - 1934.136 * t;
  return normalized(l0 + c - 0.00569 - 0.00478 * sin_deg(omega));
}

double new_moon_jde(long k) {
  const double kk = static_cast<double>(k);
  const double t = kk / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t;
  double jde = 2451550.09766 + kSynodicMonth * kk + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
  double e = 1 - 0.002516 * t - 0.0000074 * t2;
  double m = 2.5534 + 29.10535670 * kk - 0.0000014 * t2 - 0.00000011 * t3;
  double mp = 201.5643 + 385.81693528 * kk + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
  double f = 160.7108 + 390.67050284 * kk - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
  double om = 124.7746 - 1.56375588 * kk + 0.0020672 * t2 + 0.00000215 * t3;
  // Table 49.A, new moon.
  jde += -0.40720 * sin_deg(mp) + 0.17241 * e * sin_deg(m) + 0.01608 * sin_deg(2 * mp) + 0.01039 * sin_deg(2 * f) +
         0.00739 * e * sin_deg(mp - m) - 0.00514 * e * sin_deg(mp + m) + 0.00208 * e * e * sin_deg(2 * m) -
         0.00111 * sin_deg(mp - 2 * f) - 0.00057 * sin_deg(mp + 2 * f) + 0.00056 * e * sin_deg(2 * mp + m) -
         0.00042 * sin_deg(3 * mp) + 0.00042 * e * sin_deg(m + 2 * f) + 0.00038 * e * sin_deg(m - 2 * f) -
         0.00024 * e * sin_deg(2 * mp - m) - 0.00017 * sin_deg(om) - 0.00007 * sin_deg(mp + 2 * m) +
         0.00004 * sin_deg(2 * mp - 2 * f) + 0.00004 * sin_deg(3 * m) + 0.00003 * sin_deg(mp + m - 2 * f) +
         0.00003 * sin_deg(2 * mp + 2 * f) - 0.00003 * sin_deg(mp + m + 2 * f) + 0.00003 * sin_deg(mp - m + 2 * f) -
         0.00002 * sin_deg(mp - m - 2 * f) - 0.00002 * sin_deg(3 * mp + m) + 0.00002 * sin_deg(4 * mp);
  // The planetary arguments A1–A14.
  const double planetary[][3] = {
      {299.77, 0.107408, 0.000325}, {251.88, 0.016321, 0.000165}, {251.83, 26.651886, 0.000164},
      {349.42, 36.412478, 0.000126}, {84.66, 18.206239, 0.000110}, {141.74, 53.303771, 0.000062},
      {207.14, 2.453732, 0.000060}, {154.84, 7.306860, 0.000056}, {34.52, 27.261239, 0.000047},
      {207.19, 0.121824, 0.000042}, {291.34, 1.844379, 0.000040}, {161.72, 24.198154, 0.000037},
      {239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023}};
  for (const auto& [base, rate, amplitude] : planetary) {
    double arg = base + rate * kk - (&base == &planetary[0][0] ? 0.009173 * t2 : 0.0);
    jde += amplitude * sin_deg(arg);
  }
  return jde;
}

text::Date new_moon_day(text::Date near) {
  long k = std::lround((julian_day(near) - 2451550.09766) / kSynodicMonth);
  return china_day(new_moon_jde(k));
}

text::Date solar_longitude_day(int year, double degrees) {
  // Start from the mean position (the March equinox is near 20 March) and let
  // the sun's motion, about 360° a year, close the gap.
  double jde = julian_day({year, 3, 20}) + degrees / 360.0 * kTropicalYear;
  for (int i = 0; i < 20; ++i) {
    double gap = normalized(degrees - apparent_solar_longitude(jde) + 180.0) - 180.0;
    jde += gap / 360.0 * kTropicalYear;
    if (std::fabs(gap) < 1e-7) break;
  }
  return china_day(jde);
}

}  // namespace lexgit::period::astronomy
