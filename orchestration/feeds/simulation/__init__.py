"""What the monitored institutions 'really' did, month by month, before any file is written.

Each module returns clean, typed rows for one feed (canonical column names of specs.py plus
`city_id` and `period`); defects are added later, on the way to the file.
"""
