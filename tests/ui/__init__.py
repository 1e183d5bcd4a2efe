"""The wizard's tests: Pilot flows, snapshots, a real terminal killed mid-work, i18n, export."""
