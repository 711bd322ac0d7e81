/**
 * Demo data for a local run: practices, teams, accounts and an imported register. The top of the map: it may
 * depend on anything and nothing depends on it.
 */
package org.coordinatedcare.demo;
