a { b {} } # ERROR: Argument definition required
