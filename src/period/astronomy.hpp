// The two astronomical moments the statutory holidays hang on, computed with
// the series of Meeus, "Astronomical Algorithms" (2nd ed.): the new moons that
// begin the lunar months (ch. 49) and the day the sun reaches a longitude, for
// the solar term 清明 (ch. 25, low precision, about 0.01°, some 15 minutes).
// Days are civil days in China Standard Time (UTC+8), as the Chinese calendar
// (GB/T 33661-2017) counts them.
#pragma once

#include "lexgit/text.hpp"

namespace lexgit::period::astronomy {

// The day (UTC+8) of the new moon nearest to `near` (within half a lunation).
text::Date new_moon_day(text::Date near);

// The day (UTC+8) in `year` on which the sun's apparent longitude reaches
// `degrees` (0 = March equinox, 15 = 清明).
text::Date solar_longitude_day(int year, double degrees);

// Julian Day of 0h UT on a Gregorian date, and back.
double julian_day(text::Date d);
text::Date date_of_julian_day(double jd);

// The sun's apparent longitude in degrees at a Julian Ephemeris Day (ch. 25).
double apparent_solar_longitude(double jde);
// The Julian Ephemeris Day of new moon number k (k = 0: 2000-01-06) (ch. 49).
double new_moon_jde(long k);

}  // namespace lexgit::period::astronomy
