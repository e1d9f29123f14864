package fit

// crcTables holds the slicing-by-16 tables of the FIT CRC-16 (CRC-16/ARC:
// reflected polynomial 0xA001, initial value 0). crcTables[0] is the plain
// byte-at-a-time table; crcTables[k][b] is the effect of byte b followed by
// k zero bytes.
var crcTables = func() (t [16][256]uint16) {
	for i := range 256 {
		c := uint16(i)
		for range 8 {
			if c&1 != 0 {
				c = c>>1 ^ 0xA001
			} else {
				c >>= 1
			}
		}
		t[0][i] = c
	}
	for k := 1; k < len(t); k++ {
		for i := range 256 {
			c := t[k-1][i]
			t[k][i] = c>>8 ^ t[0][c&0xFF]
		}
	}
	return t
}()

// crc16 continues the FIT CRC crc over p.
func crc16(crc uint16, p []byte) uint16 {
	t := &crcTables
	for len(p) >= 16 {
		crc = t[15][byte(crc)^p[0]] ^ t[14][byte(crc>>8)^p[1]] ^
			t[13][p[2]] ^ t[12][p[3]] ^ t[11][p[4]] ^ t[10][p[5]] ^ t[9][p[6]] ^ t[8][p[7]] ^
			t[7][p[8]] ^ t[6][p[9]] ^ t[5][p[10]] ^ t[4][p[11]] ^ t[3][p[12]] ^ t[2][p[13]] ^ t[1][p[14]] ^ t[0][p[15]]
		p = p[16:]
	}
	for _, b := range p {
		crc = crc>>8 ^ t[0][byte(crc)^b]
	}
	return crc
}
