// Umbrella header: the stable public API of healthplan.
#pragma once

#include "healthplan/agency.hpp"
#include "healthplan/config.hpp"
#include "healthplan/date.hpp"
#include "healthplan/error.hpp"
#include "healthplan/indicator.hpp"
#include "healthplan/json.hpp"
#include "healthplan/plan.hpp"
#include "healthplan/section.hpp"
#include "healthplan/span.hpp"
#include "healthplan/target.hpp"
#include "healthplan/task.hpp"
#include "healthplan/text.hpp"
#include "healthplan/units.hpp"
#include "healthplan/version.hpp"
