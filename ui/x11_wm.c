/* Detecting an X11 window manager (see ui/x11_wm.h). */
#include "ui/x11_wm.h"

#include <X11/Xatom.h>
#include <X11/Xlib.h>

bool ui_x11_wm_running(Display *d)
{
    if (!d)
        return true;
    bool running = false;
    /* Only if the atom exists; on SDL's connection, which interned it, Xlib's cache answers. */
    Atom check = XInternAtom(d, "_NET_SUPPORTING_WM_CHECK", True);
    if (check != None) {
        Atom type = None;
        int format = 0;
        unsigned long n = 0, after = 0;
        unsigned char *data = NULL;
        if (XGetWindowProperty(d, DefaultRootWindow(d), check, 0, 1, False, XA_WINDOW, &type,
                               &format, &n, &after, &data) == Success)
            running = type == XA_WINDOW && format == 32 && n == 1 && data;
        if (data)
            XFree(data);
    }
    return running;
}
