"""A throwaway topic app, installed only by the test proving that topic apps plug in."""
