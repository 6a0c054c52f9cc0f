"""The 一图读懂 long image as HTML and CSS (the accessible text version that publish/long_image.py photographs)."""
