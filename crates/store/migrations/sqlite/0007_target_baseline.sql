-- A target's starting value (giá trị cơ sở), given when the office adds a
-- target by hand; targets read from a plan's text have none.
ALTER TABLE targets ADD COLUMN baseline REAL;
